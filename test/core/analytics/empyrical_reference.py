# Regenerates empyrical-reference.json: python3 empyrical_reference.py > empyrical-reference.json
# Independent reference: empyrical 1.x's formulas re-stated with numpy/scipy (empyrical itself is not installable here).
import numpy as np, json, math
from scipy import stats
def cum_final(r): return np.prod(1+np.nan_to_num(r))-1
def annual_return(r,ann): return (1+cum_final(r))**(ann/len(r))-1
def max_dd(r):
    cum=np.empty(len(r)+1); cum[0]=100; cum[1:]=100*np.cumprod(1+np.nan_to_num(r))
    mx=np.fmax.accumulate(cum); return np.nanmin((cum-mx)/mx)
def perf(r, ann=252, rf=0.0, b=None):
    r=np.asarray(r,float); v=r[~np.isnan(r)]; adj=v-rf
    with np.errstate(all='ignore'):
        sharpe=np.mean(adj)/np.std(adj,ddof=1)*np.sqrt(ann)
        dr=np.sqrt(np.mean(np.square(np.clip(adj,-np.inf,0))))*np.sqrt(ann)
        sortino=np.mean(adj)*ann/dr
        md=max_dd(r); ar=annual_return(r,ann)
        calmar= ar/abs(md) if md<0 else float('nan')
        var=np.percentile(v,5); ci=int((len(v)-1)*0.05); cvar=np.mean(np.partition(v,ci)[:ci+1])
        skew=stats.skew(v); kurt=stats.kurtosis(v)
        tail=abs(np.percentile(v,95))/abs(np.percentile(v,5))
        gains=np.sum(adj[adj>0]); losses=-np.sum(adj[adj<0]); omega= gains/losses if losses>0 else float('nan')
        cl=np.log1p(v).cumsum(); stab= stats.linregress(np.arange(len(cl)),cl)[2]**2 if len(cl)>1 and np.ptp(cl)>0 else float('nan')
        out=dict(observations=len(r), totalReturn=cum_final(r), annualReturn=ar, annualVolatility=np.std(v,ddof=1)*np.sqrt(ann), sharpe=sharpe, sortino=sortino,
          calmar=calmar, maxDrawdown=md, valueAtRisk=var, conditionalValueAtRisk=cvar, skew=skew, kurtosis=kurt, tailRatio=tail, omega=omega, stability=stab)
        if b is not None:
            b=np.asarray(b,float); ok=~np.isnan(r)&~np.isnan(b); rr=r[ok]-rf; bb=b[ok]-rf
            res=bb-np.mean(bb); beta=np.mean(res*rr)/np.mean(res*res)
            alpha=(np.mean(rr-beta*bb)+1)**ann-1
            act=r[ok]-b[ok]
            up=b[ok]>0; dn=b[ok]<0
            cap=lambda m: annual_return(r[ok][m],ann)/annual_return(b[ok][m],ann)
            out['benchmark']=dict(alpha=alpha,beta=beta,informationRatio=np.mean(act)/np.std(act,ddof=1)*np.sqrt(ann),trackingError=np.std(act,ddof=1)*np.sqrt(ann),upCapture=cap(up),downCapture=cap(dn))
    def clean(x):
        if isinstance(x,dict): return {k:clean(v) for k,v in x.items()}
        x=float(x); return 'NaN' if math.isnan(x) else ('Infinity' if x==math.inf else ('-Infinity' if x==-math.inf else x))
    return clean(out)
rng=np.random.default_rng(7)
normal=list(np.round(rng.normal(0.0005,0.012,300),8))
bench=list(np.round(0.6*np.array(normal)+rng.normal(0.0002,0.008,300),8))
gappy=list(normal[:60]); gappy[5]=float('nan'); gappy[17]=float('nan'); gappy[40]=float('nan')
cases={
 'normal':dict(returns=normal, options=dict(), ref=perf(normal)),
 'normal_rf_monthly':dict(returns=normal[:120], options=dict(periodsPerYear=12, riskFreeRate=0.001), ref=perf(normal[:120],12,0.001)),
 'benchmark':dict(returns=normal, options=dict(benchmark=bench), ref=perf(normal,b=bench)),
 'all_positive':dict(returns=[0.01,0.02,0.005,0.013,0.007,0.021], options=dict(), ref=perf([0.01,0.02,0.005,0.013,0.007,0.021])),
 'all_negative':dict(returns=[-0.01,-0.02,-0.005,-0.013,-0.007,-0.021], options=dict(), ref=perf([-0.01,-0.02,-0.005,-0.013,-0.007,-0.021])),
 'flat':dict(returns=[0.0]*10, options=dict(), ref=perf([0.0]*10)),
 'nan_gaps':dict(returns=gappy, options=dict(), ref=perf(gappy)),
}
def enc(x): 
    return json.dumps(x, allow_nan=True).replace('NaN','"NaN"').replace('Infinity','"Infinity"')
print(json.dumps({k:{'returns':[('NaN' if (isinstance(v,float) and math.isnan(v)) else v) for v in c['returns']],'options':{kk:vv for kk,vv in c['options'].items() if kk!='benchmark'},'benchmark':c['options'].get('benchmark'),'ref':c['ref']} for k,c in cases.items()}))
