/**
 * The claim page's only script (inline, with the page's nonce): records a video with MediaRecorder (at most 15 s),
 * sends a photo or video with upload progress, and falls back to the file inputs (with `capture`) where the camera
 * or MediaRecorder is missing. Text and accept work without it (plain forms); without it the three ways to react are
 * shown one after another instead of as tabs.
 */
export const GIFT_PAGE_SCRIPT = `(function(){
var cfg=JSON.parse(document.getElementById('gift-config').textContent);var t=cfg.copy;
var status=document.getElementById('react-status'),bar=document.getElementById('react-progress');
function say(msg,isError){status.textContent=msg;status.className=isError?'error':'notice';status.hidden=!msg;}
function upload(blob,name,durationMs){
  var form=new FormData();if(durationMs)form.append('durationMs',String(Math.round(durationMs)));form.append('file',blob,name);
  var xhr=new XMLHttpRequest();xhr.open('POST','/api/gift/'+cfg.token+'/reaction/media');
  bar.hidden=false;bar.value=0;say(t.uploading,false);
  xhr.upload.onprogress=function(e){if(e.lengthComputable)bar.value=Math.round(e.loaded*100/e.total);};
  xhr.onload=function(){bar.hidden=true;if(xhr.status===201){location.reload();return;}
    say(xhr.status===413?t.tooLarge:xhr.status===415?t.wrongType:t.failed,true);};
  xhr.onerror=function(){bar.hidden=true;say(t.failed,true);};xhr.send(form);
}
var tablist=document.querySelector('[role=tablist]');if(tablist){tablist.hidden=false;document.getElementById('panel-photo').hidden=true;document.getElementById('panel-text').hidden=true;}
document.querySelectorAll('[data-tab]').forEach(function(tab){tab.addEventListener('click',function(){
  document.querySelectorAll('[data-tab]').forEach(function(o){var on=o===tab;o.setAttribute('aria-selected',on?'true':'false');document.getElementById(o.getAttribute('aria-controls')).hidden=!on;});
});});
var photo=document.getElementById('photo-file');
if(photo)photo.addEventListener('change',function(){if(photo.files[0])upload(photo.files[0],photo.files[0].name,0);});
var videoFile=document.getElementById('video-file');
if(videoFile)videoFile.addEventListener('change',function(){if(videoFile.files[0])upload(videoFile.files[0],videoFile.files[0].name,0);});
var rec=document.getElementById('record'),preview=document.getElementById('preview'),left=document.getElementById('seconds-left');
if(!rec)return;
if(!navigator.mediaDevices||!window.MediaRecorder){rec.hidden=true;return;}
var recorder=null,stream=null,timer=null,startedAt=0;
function stopAll(){if(stream)stream.getTracks().forEach(function(track){track.stop();});stream=null;clearInterval(timer);}
rec.addEventListener('click',function(){
  if(recorder&&recorder.state==='recording'){recorder.stop();return;}
  navigator.mediaDevices.getUserMedia({video:{facingMode:'user',width:{ideal:640},height:{ideal:480}},audio:true}).then(function(s){
    stream=s;preview.hidden=false;preview.muted=true;preview.srcObject=s;preview.play();
    var type=['video/webm;codecs=vp8,opus','video/webm','video/mp4'].filter(function(x){return MediaRecorder.isTypeSupported(x);})[0]||'';
    var chunks=[];recorder=new MediaRecorder(s,type?{mimeType:type,videoBitsPerSecond:1000000}:{});
    recorder.ondataavailable=function(e){if(e.data.size)chunks.push(e.data);};
    recorder.onstop=function(){var ms=Date.now()-startedAt;stopAll();rec.textContent=t.retake;left.textContent='';
      var blob=new Blob(chunks,{type:recorder.mimeType||'video/webm'});preview.srcObject=null;preview.muted=false;preview.src=URL.createObjectURL(blob);preview.controls=true;
      upload(blob,blob.type.indexOf('mp4')>=0?'reaction.mp4':'reaction.webm',ms);};
    startedAt=Date.now();recorder.start(1000);rec.textContent=t.stop;
    var remaining=cfg.maxSeconds;left.textContent=t.secondsLeft.replace('{n}',remaining);
    timer=setInterval(function(){remaining-=1;left.textContent=t.secondsLeft.replace('{n}',remaining);if(remaining<=0&&recorder.state==='recording')recorder.stop();},1000);
  }).catch(function(){say(t.noCamera,true);rec.hidden=true;});
});
})();`;
